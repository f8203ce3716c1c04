"""PowerPoint templates, read without python-pptx: the package checked and described
(`package`), its placeholders with what they inherit (`parts`), its colour and font scheme
(`scheme`), the layout each kind of slide uses (`layouts`), and the template lent to a theme
that is or names it (`lend`)."""
