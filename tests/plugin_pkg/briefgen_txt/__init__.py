"""A third-party briefgen backend: the story's section titles as plain text."""


class TextBackend:
    """Writes one line per section title."""

    name = "txt"
    suffix = ".txt"
    description = "Section titles as plain text"

    def render(self, story, theme, out):
        """Write the event title and each section title, one per line."""
        lines = [story.meta.title] + [section.title for section in story.sections]
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
        return []
