#!/bin/bash
# usage: extract.sh owner+name dest  -- writes the .py/.md files of the mirror's HEAD into dest
set -e
src=/work/.mirror/$1/repo; dest=$2; mkdir -p "$dest"
git --git-dir=$src ls-tree -r --name-only HEAD | grep -E '\.(py|md)$' | while read f; do mkdir -p "$dest/$(dirname "$f")"; git --git-dir=$src show "HEAD:$f" > "$dest/$f"; done
git --git-dir=$src rev-parse HEAD > "$dest/COMMIT"
