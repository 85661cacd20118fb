#!/usr/bin/env bash
# Opens the HTML page of `ftriage report` in headless Chromium, as a reader
# would: for the bpf-xskmap-einval seed (good-same-kernel.trace vs
# bad.trace) the divergence row is drawn and highlighted, a #search=
# fragment finds a function folded away and marks it, a report of 100k
# calls per run draws only the rows in view, and a screenshot is taken.
#
# Usage: browser_test.sh FTRIAGE SOURCE_DIR OUT_DIR
# The screenshot goes to OUT_DIR/report-bpf-xskmap.png; with
# FTRIAGE_UPDATE_SCREENSHOT=1 also to docs/report-bpf-xskmap.png, the one
# README.md shows. Exits 77 (ctest: skipped) when Chromium is missing.
set -euo pipefail
ftriage=$1
src=$2
out=$3
browser=$(command -v chromium || command -v chromium-browser ||
  command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "SKIPPED: Chromium is not installed (tools/setup.sh installs the" \
    "Debian package chromium)"
  exit 77
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

fail() {
  echo "FAIL: $*"
  exit 1
}
# Chromium as root needs --no-sandbox; its own profile keeps runs apart.
browse() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
    --hide-scrollbars --no-first-run --mute-audio \
    --user-data-dir="$out/chromium-profile" --virtual-time-budget=3000 \
    "$@" 2>/dev/null
}
# The rows drawn whose class list has $2, from the DOM in $1.
rows_with() {
  grep -oP '<div class="row [^"]*\b'"$2"'\b[^"]*"[^>]*>.*?</div></div>' \
    <<<"$1" || true
}

# Paths as a user types them: relative to testdata/.
cd "$src/testdata"
seed=seeds/bpf-xskmap-einval
"$ftriage" report "$seed/bad.trace" "$seed/good-same-kernel.trace" \
  -o "$out/report.html"
page="file://$out/report.html"

echo "1. the page opens at the divergence"
dom=$(browse --dump-dom "$page")
[[ $dom == *'data-ready="1"'* ]] || fail "the page script did not finish"
focus=$(rows_with "$dom" focus)
[ "$(wc -l <<<"$focus")" = 1 ] || fail "not one highlighted row: $focus"
[[ $focus == *'>array_map_alloc_check<'* ]] ||
  fail "the highlighted row is not array_map_alloc_check: $focus"
[[ $focus == *k-only-good* && $focus == *cursor* ]] ||
  fail "the divergence row is not GOOD-only and selected: $focus"
[[ $focus == *'◆ divergence'* ]] || fail "no divergence badge: $focus"
[[ $(rows_with "$dom" path) == *'>__x64_sys_bpf<'* ]] ||
  fail "the divergence path is not expanded"
[[ $dom == *'last common'* ]] || fail "the last common call is not marked"
[[ $dom != *'>bpf_map_area_alloc<'* ]] ||
  fail "a call inside a folded subtree is drawn"

echo "2. #search= finds functions, expanding their folded ancestors"
for name in bpf_map_area_alloc array_map_alloc_check; do
  dom=$(browse --dump-dom "$page#search=$name")
  [[ $dom == *"data-search-hit=\"$name\""* ]] || fail "search: $name not found"
  hit=$(rows_with "$dom" current)
  [[ $hit == *"<mark>$name</mark>"* && $hit == *' hit '* ]] ||
    fail "search: the row of $name is not marked: $hit"
  [[ $dom == *'<span id="search-status" role="status">1 of 1</span>'* ]] ||
    fail "search: no '1 of 1' status for $name"
done

echo "3. keys, clicks and buttons (the page in a frame, driven by a script)"
cat >"$out/drive.html" <<'HTML'
<iframe id="f" src="report.html" style="width:1400px;height:900px"></iframe>
<pre id="log"></pre>
<script>
  const f = document.getElementById("f");
  f.onload = () => {
    const w = f.contentWindow, d = f.contentDocument, log = [];
    const key = (k, target) => (target || d).dispatchEvent(
      new w.KeyboardEvent("keydown", { key: k, bubbles: true }));
    const at = () => {
      const fn = d.querySelector(".row.cursor .cell:not(.empty) .fn");
      return fn ? fn.textContent : "-";
    };
    const rows = () => d.querySelectorAll(".row").length;
    log.push("start " + at() + " rows " + rows());
    key("j"); log.push("j " + at());
    key("Enter"); log.push("enter rows " + rows());
    key("ArrowDown"); log.push("down " + at());
    key("ArrowLeft"); log.push("left " + at());
    key("ArrowLeft"); log.push("left rows " + rows());
    key("k"); log.push("k " + at());
    key("ArrowUp"); log.push("up " + at());
    key(" "); log.push("space rows " + rows());
    key("Home"); log.push("home " + at());
    key(" "); log.push("space rows " + rows());
    key(" "); log.push("space rows " + rows());
    d.querySelector('a[href="#good:40"]').click(); log.push("link " + at());
    key("/"); log.push("slash " + d.activeElement.id);
    const box = d.getElementById("search");
    box.value = "alloc";
    key("Enter", box);
    log.push("find " + at() + " " + d.getElementById("search-status").textContent);
    key("Enter", box); log.push("next " + at());
    d.getElementById("collapse-all").click(); log.push("collapse rows " + rows());
    d.getElementById("expand-all").click(); log.push("expand rows " + rows());
    d.getElementById("to-focus").click(); log.push("back " + at());
    document.getElementById("log").textContent = log.join("\n");
  };
</script>
HTML
log=$(browse --allow-file-access-from-files --dump-dom "file://$out/drive.html" |
  sed -n '/<pre id="log">/,/<\/pre>/p')
# Moves and folds among the 8 rows open at first (13 with array_map_alloc
# open, 31 in all); "alloc" is in 5 names.
expect="start array_map_alloc_check rows 8
j array_map_alloc
enter rows 13
down capable
left array_map_alloc
left rows 8
k array_map_alloc_check
up __might_fault
space rows 8
home __x64_sys_bpf
space rows 1
space rows 8
link bpf_obj_name_cpy
slash search
find array_map_alloc_check 1 of 5
next array_map_alloc
collapse rows 1
expand rows 31
back array_map_alloc_check"
[[ $log == *"$expect"* ]] || fail "keys, clicks or buttons: got
$log"

echo "4. 100k calls per run: only the rows in view are drawn"
# GOOD: one syscall with 1000 callees of 99 leaves each; BAD lacks one.
gen() {
  awk -v bad="$1" 'BEGIN {
    print " 0)               |  __x64_sys_bpf() {"
    for (i = 0; i < 1000; i++) {
      if (bad && i == 700) continue
      printf " 0)               |    subsystem_op_%d() {\n", i
      for (j = 0; j < 99; j++) printf " 0)   0.100 us    |      helper_%d();\n", j
      print " 0)   9.900 us    |    }"
    }
    print " 0) ! 990.000 us   |  }"
    if (bad) print " 0)               |  /* sys_bpf -> 0xffffffffffffffea */"
  }'
}
gen 0 >"$out/big-good.trace"
gen 1 >"$out/big-bad.trace"
start=$(date +%s%N)
"$ftriage" report "$out/big-bad.trace" "$out/big-good.trace" \
  -o "$out/big.html"
made=$(date +%s%N)
dom=$(browse --dump-dom "file://$out/big.html#search=helper_98")
shown=$(date +%s%N)
[[ $dom == *'data-ready="1"'* ]] || fail "100k: the page script did not finish"
drawn=$(grep -o 'role="treeitem"' <<<"$dom" | wc -l)
[ "$drawn" -gt 10 ] && [ "$drawn" -lt 200 ] ||
  fail "100k: $drawn rows drawn, expected only those in view"
[[ $dom == *'data-search-hit="helper_98"'* ]] || fail "100k: search failed"
echo "   report $(((made - start) / 1000000)) ms, $(du -k "$out/big.html" |
  cut -f1) KiB; Chromium load+search $(((shown - made) / 1000000)) ms;" \
  "$drawn rows drawn"

echo "5. screenshot"
shot=$out/report-bpf-xskmap.png
rm -f "$shot"
browse --screenshot="$shot" --window-size=1400,900 "$page" >/dev/null
[ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "no PNG screenshot at $shot"
if [ "${FTRIAGE_UPDATE_SCREENSHOT:-}" = 1 ]; then
  cp "$shot" "$src/docs/report-bpf-xskmap.png"
  echo "   updated docs/report-bpf-xskmap.png"
fi
echo "report_browser: all checks passed"
