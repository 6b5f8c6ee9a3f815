#!/usr/bin/env bash
# The `otklik` package bin: runs the TypeScript CLI through tsx from the package's own folder.
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
exec "$here/node_modules/.bin/tsx" "$here/scripts/otklik.ts" "$@"
