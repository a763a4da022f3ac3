#!/usr/bin/env bash
# Install the Debian packages the PDF/EPUB builds and the browser tests need.
# Run as root (or with sudo). Only Debian's package manager is used: no other downloads.
#
#   texlive-xetex, texlive-lang-korean (kotex, xetexko), texlive-latex-extra,
#   texlive-fonts-recommended, latexmk   -> `make pdf` (xelatex + latexmk)
#   fonts-noto-cjk, fonts-noto-cjk-extra -> Noto Serif/Sans/Sans Mono CJK KR
#   fonts-noto-core                      -> Noto Serif/Sans Italic: Latin italics in the PDF
#   fonts-symbola, fonts-unifont         -> emoji in the PDF (Symbola; Unifont Upper for newer ones)
#   poppler-utils                        -> pdftotext/pdffonts in the PDF tests
#   epubcheck                            -> EPUB validation in the tests
#   chromium                             -> the browser tests (search, phone navigation, axe)
#   nodejs, npm (only when no npm is on PATH) -> `npm ci` of axe-core for the browser tests
set -euo pipefail

packages=(
  texlive-xetex texlive-lang-korean texlive-latex-extra texlive-fonts-recommended latexmk
  fonts-noto-cjk fonts-noto-cjk-extra fonts-noto-core fonts-symbola fonts-unifont poppler-utils epubcheck chromium
)

# The machine image may bring its own Node.js; Debian's is installed only when npm is missing.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "system packages: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
