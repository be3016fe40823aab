#!/usr/bin/env bash
# Writes the seed corpora of fuzz/corpus/<target>/ (seed_* files) from the
# repo's own data (data/demo, data/*.tsv) and hand-written cases. Run it after
# changing an input format; crash regressions (regress_* files) are kept.
set -euo pipefail
cd "$(dirname "$0")"
root=..
demo=$root/data/demo/rnaddrkor_demo.txt
c=corpus
for t in refine_fuzz handlers_fuzz rows_fuzz index_fuzz text_tables_fuzz; do
  mkdir -p "$c/$t"
  rm -f "$c/$t"/seed_*
done

# refine: the demo labels, one per file, and some hostile shapes.
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%s' "$line" > "$c/refine_fuzz/seed_label_$i"
done < "$root/data/demo/labels.txt"
printf '\xff\xfe93 Wangsan-ro' > $c/refine_fuzz/seed_bad_utf8
printf 'B 93, Wangsan-ro, Dongdaemun-gu, Seoul (130-011) 101-dong 1203-ho #302 3F' > $c/refine_fuzz/seed_units
printf '989-111 Daedeok-daero 1(il)-ga Dongin-dong' > $c/refine_fuzz/seed_numbers
printf '서울특별시 중구 세종대로 110' > $c/refine_fuzz/seed_korean
printf '%0.s9-' $(seq 1 300) > $c/refine_fuzz/seed_long_digits

# handlers: byte 0 = flags (method bits 0-2: 0 GET, 1 POST; bit 3 loopback;
# bit 4 reload fails; bits 5-7 path prefix), then the target's tail, '\n', body.
h=$c/handlers_fuzz
printf '\x01/v1/batch\n{"requestList":[{"seq":1,"requestAddress":"B 93, Wangsan-ro, Dongdaemun-gu, Seoul"},{"seq":"x","requestAddress":"nowhere"}]}' > $h/seed_batch
printf '\x01/v1/batch\n{"requestList":[{"seq":1e400,"requestAddress":"\\ud800"}]} x' > $h/seed_batch_bad
printf '\x01/v1/refine\n{"address":"229, 당산로, Yeongdeungpo-gu, Seoul"}' > $h/seed_refine_post
printf '\x00/v1/refine?address=B1721%%2C+Nambu+Ring-ro%%2C+Gwanak-gu&x=1\n' > $h/seed_refine_get
printf '\x01/v1/refine/batch\n{"addresses":[]}' > $h/seed_refine_batch_empty
printf '\x01/v1/refine/batch\n{"addresses":["GF160, Yanghwa-ro, 마포-gu, Seoul","",null]}' > $h/seed_refine_batch
printf '\x00/healthz\n' > $h/seed_health
printf '\x00/metrics\n' > $h/seed_metrics
printf '\x09/admin/reload\n' > $h/seed_reload
printf '\x19/admin/reload\n' > $h/seed_reload_fails
printf '\x02/v1/batch\n' > $h/seed_put
printf '\x00/nope?a=b\n' > $h/seed_404

# rows: a few demo rows as written, with CRLF and a BOM, in CP949, and with
# damaged lines among good ones.
r=$c/rows_fuzz
head -n 3 "$demo" > $r/seed_rows
head -n 2 "$demo" | sed 's/$/\r/' | { printf '\xef\xbb\xbf'; cat; } > $r/seed_crlf_bom
head -n 2 "$demo" | iconv -f UTF-8 -t CP949 > $r/seed_cp949
{ head -n 1 "$demo"; printf 'a|b|c\n'; sed -n 2p "$demo" | sed 's/|110|/|x|/'; sed -n 3p "$demo"; } > $r/seed_damaged
# 이전도로명주소 (field 18): a whole address, a road and basement number, a bad value.
head -n 3 "$demo" | awk -F'|' -v OFS='|' '{ $18 = NR == 1 ? "서울특별시 중구 옛세종로 110 (태평로1가)" : NR == 2 ? "옛세종로 지하 3-1" : "미상"; print }' > $r/seed_old_roads

# index: flags byte (bit 0 repair the checksum, bit 1 fix the file size), then
# edits [kind][offset LE32][length][bytes].
x=$c/index_fuzz
printf '\x00' > $x/seed_pristine
printf '\x01' > $x/seed_repaired
printf '\x01\x00\x40\x00\x00\x00\x08\xff\xff\xff\xff\xff\xff\xff\xff' > $x/seed_overwrite_sections
printf '\x03\x01\x00\x10\x00\x00\x00' > $x/seed_truncate
printf '\x03\x02\x00\x00\x01\x00\x04abcd' > $x/seed_insert
printf '\x01\x03\x00\x00\x02\x00\x02\x01\x80' > $x/seed_xor

# text tables: byte 0 = reader (0 road-name code file, 1 rneng, 2 words.tsv,
# 3 translations.tsv, 4 CP949 text, 5 district_changes.tsv).
t=$c/text_tables_fuzz
printf '\x0011140|4100280|00|세종대로|Sejong-daero|0|1|20090101\n1114|x|00|퇴계로|Toegye-ro\n' > $t/seed_code_file
printf '\x01%s\n' '11140103410028000011000000|1114010300|Seoul|Jung-gu|Taepyeongno 1(il)-ga||0|893|29|111404100280|Sejong-daero|0|110|0' > $t/seed_rneng
{ printf '\x02'; grep -v '^#' "$root/data/words.tsv" | head -n 20; printf 'x\tno_such_role\n'; } > $t/seed_words
{ printf '\x03'; grep -v '^#' "$root/data/translations.tsv" | head -n 20; printf 'broken line\n'; } > $t/seed_translations
{ printf '\x04'; head -n 1 "$demo" | iconv -f UTF-8 -t CP949; } > $t/seed_cp949
{ printf '\x05'; head -n 30 "$root/data/district_changes.tsv"; printf 'no\tfields\n'; } > $t/seed_district_changes
echo "seeds written under fuzz/corpus/"
