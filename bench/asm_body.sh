# Sourced by the scripts that read a function's machine code
# (bench/math/zero_cost_asm.sh, bench/runtime/kernels_asm.sh).
#
# asm_body FILE SYMBOL: the instructions of SYMBOL in the assembly FILE, from
# its label to the next function's label or its .size, without directives,
# local labels and comments, one per line with single spaces.
asm_body() {
    awk -v fn="$2" '
        $0 ~ "^" fn ":" { on = 1; next }
        on && /^[^ \t.][^ \t]*:/ { exit }        # next label at column 0
        on && /^\t\.size/ { exit }
        on && /^[ \t]*\./ { next }               # directives
        on && /^\.L/ { next }                    # local labels
        on && NF { sub(/[ \t]*#.*/, ""); gsub(/[ \t]+/, " "); if ($0 ~ /[^ ]/) print }
    ' "$1"
}
