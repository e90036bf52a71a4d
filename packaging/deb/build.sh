#!/usr/bin/env bash
# The .deb for 统信UOS, 麒麟 (Kylin), Debian and Ubuntu (64-bit x86), from the Linux one-folder build:
#   packaging/deb/build.sh          -> dist/fuwushe_VERSION_amd64.deb (runs packaging/build.sh first if needed)
# It holds the folder in /opt/fuwushe, the command `fuwushe` (the window, or a subcommand: fuwushe check ...),
# the menu entry 服务社工作台 (Office) and the icon in every size. The club's data is not in the package: it
# lives in each user's ~/.local/share/fuwushe, which installing, upgrading and removing leave alone.
# packaging/deb/check.sh installs it with apt into a clean Debian and runs the smoke suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUNDLE="$ROOT/dist/fuwushe"
if [ ! -x "$BUNDLE/fuwushe" ] || [ "${1:-}" = "--rebuild" ]; then
    bash "$ROOT/packaging/build.sh"
fi
version="$("$ROOT/.venv/bin/python" -c 'import app; print(app.__version__)')"
deb="$ROOT/dist/fuwushe_${version}_amd64.deb"
tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT

mkdir -p "$tree/opt" "$tree/usr/bin" "$tree/usr/share/applications" "$tree/DEBIAN"
cp -a "$BUNDLE" "$tree/opt/fuwushe"
ln -s /opt/fuwushe/fuwushe "$tree/usr/bin/fuwushe"
sed "s|^Exec=.*|Exec=/opt/fuwushe/fuwushe|" "$ROOT/packaging/fuwushe.desktop" > "$tree/usr/share/applications/fuwushe.desktop"
for png in "$ROOT"/resources/icons/app-*.png; do
    size="$(basename "$png" .png)"; size="${size#app-}"
    install -D -m 644 "$png" "$tree/usr/share/icons/hicolor/${size}x${size}/apps/fuwushe.png"
done
install -D -m 644 "$ROOT/resources/icons/app.svg" "$tree/usr/share/icons/hicolor/scalable/apps/fuwushe.svg"
install -D -m 644 /dev/stdin "$tree/usr/share/doc/fuwushe/copyright" <<'EOF'
服务社工作台 (fuwushe). The bundled font is WenQuanYi Micro Hei (Apache-2.0); the Python runtime, Qt (LGPL-3.0),
OR-Tools (Apache-2.0) and the other libraries in /opt/fuwushe/_internal keep their own licences.
EOF
find "$tree" -type d -exec chmod 755 {} +

# What the folder does not carry: the graphics driver (libGL/libEGL) and what every desktop has. Qt's xcb
# libraries, ICU, OpenSSL and Python itself are inside /opt/fuwushe. The C library must be at least as new as
# the newest symbol any program or library in the folder asks for: a system too old is refused by apt with
# that reason, instead of the program failing to start.
glibc="$(find "$tree/opt/fuwushe" -type f \( -name '*.so*' -o -perm -u+x \) -print0 | xargs -0 objdump -T 2>/dev/null |
    grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)"
[ -n "$glibc" ] || { echo "could not tell which C library the folder needs" >&2; exit 1; }
cat > "$tree/DEBIAN/control" <<EOF
Package: fuwushe
Version: $version
Section: misc
Priority: optional
Architecture: amd64
Maintainer: 党员服务社 <noreply@invalid>
Depends: libc6 (>= $glibc), libgl1, libegl1, libfontconfig1, libfreetype6, libglib2.0-0 | libglib2.0-0t64, libdbus-1-3, libx11-6, libx11-xcb1, libxkbcommon0, libxkbcommon-x11-0
Recommends: desktop-file-utils, hicolor-icon-theme
Installed-Size: $(du -sk "$tree" | cut -f1)
Description: 服务社工作台 — Party Member Service Club ledgers, offline
 党员服务社的台账：花名册、五必访、五必报、互助组、值班表、时间银行、活动、会议、
 月度通报和支部月报表，数据保存在本机的一个文件里，不需要联网。
 .
 The ledgers of a Party Member Service Club office in one SQLite file on the
 office PC: roster, visits, must-reports, mutual-aid groups, duty rotas, the
 volunteer time bank, activities, meetings, the monthly bulletin and the
 branch return. Chinese by default, large text, no network needed.
EOF
# Menus and icon caches refresh through dpkg's triggers (desktop-file-utils, hicolor-icon-theme): no scripts.
dpkg-deb --root-owner-group -Zxz --threads-max=2 --build "$tree" "$deb" >/dev/null
echo "Built $deb: $(du -h "$deb" | cut -f1), $(du -sh "$tree/opt/fuwushe" | cut -f1) installed, needs glibc $glibc"
