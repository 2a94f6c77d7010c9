"""Screenshots of the main staff pages in both languages at desktop and phone width (issue 13).

Run against a site with the demo data (`make run`, or `manage.py runserver` after
`load_demo_data`), then look at every picture:

    .venv/bin/python scripts/screenshots.py --base http://127.0.0.1:8000 --out docs/screenshots

It signs in as each page's demo account, switches the language with the site's own cookie, and
prints the header height (`.site-header`) and the page's scroll width (equal to the viewport
when the page never scrolls sideways) for docs/screenshots/README.md.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "kaohsiung-demo-111"  # noqa: S105 (the demo accounts of the embedded default, in the README)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# (file stem, demo account, path)
PAGES = [
    ("home", "manager", "/"),
    ("bookings", "facility", "/facilities/bookings/?status=confirmed&page=2"),
    ("applications", "facility", "/facilities/applications/"),
    ("inspections", "facility", "/facilities/inspections/"),
    ("complaints", "officer", "/consumer-protection/complaints/"),
    ("search", "officer", "/search/?q=00013"),
    ("documents-due", "documents", "/documents/due/"),
    ("visits", "international", "/international/visits/"),
    ("assets", "dormitory", "/dormitories/assets/"),
    ("not-found", "manager", "/no-such-page/"),
]
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
LANGUAGES = ("zh-hant", "en")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for stem, account, path in PAGES:
            cells = []
            for language in LANGUAGES:
                for size, (width, height) in SIZES.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    host = args.base.split("//", 1)[1].split(":")[0]
                    context.add_cookies([{"name": "django_language", "value": language, "domain": host, "path": "/"}])
                    page = context.new_page()
                    page.goto(f"{args.base}/accounts/login/")
                    page.fill("input[name=username]", account)
                    page.fill("input[name=password]", PASSWORD)
                    page.click("button[type=submit], input[type=submit]")
                    page.wait_for_load_state("networkidle")
                    page.goto(f"{args.base}{path}")
                    page.wait_for_load_state("networkidle")
                    header = page.evaluate(
                        "() => { const h = document.querySelector('.site-header'); return h ? Math.round(h.getBoundingClientRect().height) : 0 }"
                    )
                    scroll = page.evaluate("() => document.documentElement.scrollWidth")
                    name = f"{stem}-{language}-{size}.png"
                    page.screenshot(path=str(out / name))
                    cells.append(f"[{header} px, width {scroll}]({name})")
                    context.close()
            rows.append(f"| {stem} ({account}, `{path}`) | " + " | ".join(cells) + " |")
        browser.close()
    print("| Page | 繁體中文 1366 | 繁體中文 390 | English 1366 | English 390 |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
