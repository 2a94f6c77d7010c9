#!/usr/bin/env bash
# Debian packages the project needs beyond Python:
#   fonts-noto-cjk        Traditional Chinese glyphs in PDFs (the annual report, mediation records)
#   libharfbuzz-subset0   font subsetting for WeasyPrint (a 4-page PDF in ~1 s instead of ~20 s)
#   libpango-1.0-0 libpangoft2-1.0-0   WeasyPrint's text layout
#   gettext               compilemessages (English translations)
#   chromium              browser tests (Playwright drives Debian's Chromium; never `playwright install`)
#   poppler-utils         pdffonts/pdftotext in the PDF tests
# As root with apt they are installed; otherwise the missing ones are named. Extra package names
# may be passed as arguments (CI adds docker-compose). With --strict a missing package is an error.
set -euo pipefail

strict=0
extra=()
for arg in "$@"; do
  case "$arg" in
    --strict) strict=1 ;;
    *) extra+=("$arg") ;;
  esac
done

packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 gettext chromium poppler-utils "${extra[@]}")
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "These Debian packages are missing; install them as root (apt-get install ${missing[*]})." >&2
echo "Without them PDFs lack Chinese fonts and browser/PDF tests cannot run." >&2
[ "$strict" = "1" ] && exit 1
exit 0
