#!/usr/bin/env bash
# Look at a generated .docx/.xlsx the way a user will: convert it to PDF with LibreOffice
# (own profile, so it can run beside another soffice) and to PNG pages at 60 dpi; prints the
# PNG paths. Usage: scripts/look.sh <file.docx|file.xlsx> [outdir]   (outdir default: /tmp/look)
set -euo pipefail

if [[ $# -lt 1 || ! -f "$1" ]]; then
  echo "Cách dùng: $0 <tệp.docx|tệp.xlsx> [thư-mục-ra]" >&2
  exit 2
fi
file=$1
out=${2:-/tmp/look}
soffice=${SOFFICE:-$(command -v soffice || true)}
if [[ -z "$soffice" ]]; then
  echo "Thiếu LibreOffice. Cài đặt: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation2" >&2
  exit 3
fi
command -v pdftoppm >/dev/null || { echo "Thiếu pdftoppm (gói poppler-utils)." >&2; exit 3; }

mkdir -p "$out"
profile=$(mktemp -d /tmp/look-profile-XXXXXX)
trap 'rm -rf "$profile"' EXIT
timeout 120 "$soffice" --headless --norestore --nologo "-env:UserInstallation=file://$profile" \
  --convert-to pdf --outdir "$out" "$file" >/dev/null 2>&1
name=$(basename "${file%.*}")
pdf="$out/$name.pdf"
[[ -f "$pdf" ]] || { echo "LibreOffice không tạo ra $pdf" >&2; exit 1; }
rm -f "$out/$name"-*.png
pdftoppm -r 60 -png "$pdf" "$out/$name"
ls -1 "$out/$name"-*.png
