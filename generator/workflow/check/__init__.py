"""`briefgen check`: accessibility and legibility findings for any deck, and verbatim quotes for
briefs.

Decks (`run.check_deck`) are read through the hardened OOXML layer (`read`, `text`, `fills`,
`colours`), never python-pptx. The rules, and how bad each finding is:

| rule | severity | what it finds |
| --- | --- | --- |
| `alt-text` | error | a picture, chart, table, or shape without text, with no alt text (or only a
file name) and not marked decorative |
| `slide-title` | error | a slide without a title |
| `table-header` | error | a table whose first row is not marked as its header |
| `contrast` | error | text below 4.5:1 (3:1 at 18 pt, or 14 pt bold) against what is painted under it |
| `overflow` | error | text that needs more room than its box, measured as the build measures |
| `unreadable` | error | a file that cannot be read, or a deck refused by the OOXML layer's caps |
| `duplicate-title` | warning | a title used on an earlier slide |
| `reading-order` | warning | content read before the slide's title |
| `link-text` | warning | link text that is a bare address |
| `empty-placeholder` | warning | a placeholder left empty |
| `small-text` | warning | text below the 14 pt floor (footers, dates, slide numbers excepted) |
| `too-much-text` | warning | a deck with more text than is measured; later slides' legibility unchecked |

Briefs (`quotes.check_brief`): `quote` (error) a speaker's quote found in none of the sources'
saved texts; `source-text` (error) a source's text file that cannot be read.
"""
