"""Reading a built report back with poppler: per page, and per column of the two-column table."""

import subprocess
from pathlib import Path

# A4 at 72 dpi is 595 x 842 points; the table starts at the 16 mm margin (45 pt) and its left
# column is 24% of 505 pt wide, so the right column starts near 166 pt.
LEFT = (40, 128)
RIGHT = (168, 430)


def pdf_text(path: Path, *, column: tuple[int, int] | None = None) -> list[str]:
    """The text of each page (layout kept), or of one column of it."""
    args = ["pdftotext", "-layout", "-r", "72"]
    if column:
        args += ["-x", str(column[0]), "-y", "0", "-W", str(column[1]), "-H", "842"]
    output = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in output.split("\f") if page.strip()]


def squeeze(text: str) -> str:
    """Without spaces and line breaks: the lines of a paragraph read as one."""
    return "".join(text.split())
