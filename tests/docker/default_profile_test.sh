#!/usr/bin/env bash
# Docker's default seccomp profile: the filter answers our number, the probe
# must not claim `implemented`, must name the filter, and must bring evidence
# from the kernel's own symbol tables that this host's kernel lacks the symbol:
# by default from BTF alone (kallsyms, ~30 ms here, is not read); with
# --kallsyms always from kallsyms too, the two agreeing; with --btf never from
# kallsyms alone.
. "$(dirname "$0")/../lib.sh"
require_image
probe_json
expect_eq "seccomp mode" "$(j seccomp_mode_name)" filter
verdict=$(j 'own | verdict')
[ "$verdict" != implemented ] || fail "verdict is 'implemented' under the default profile on a stock kernel"
pass "verdict $verdict (not implemented)"
j 'own | explanation' | grep -qi seccomp || fail "explanation does not name the seccomp filter: $(j 'own | explanation')"
pass "explanation: $(j 'own | explanation')"
expect_eq "BTF readable" "$(j 'btf.readable')" true
expect_eq "kernel_has_symbol ($(j 'own | symbol'))" "$(j 'own | has_symbol')" false
expect_eq "evidence" "$(j 'own | evidence')" btf
expect_eq "kallsyms not read" "$(j 'kallsyms.consulted')/$(j 'kallsyms.error')" "false/not read: BTF settled every verdict"
j 'own | explanation' | grep -q 'BTF' || fail "explanation does not name BTF: $(j 'own | explanation')"

probe_json -- --kallsyms always
expect_eq "--kallsyms always: kallsyms readable" "$(j 'kallsyms.readable')" true
expect_eq "--kallsyms always: BTF readable" "$(j 'btf.readable')" true
expect_eq "--kallsyms always: evidence" "$(j 'own | evidence')" kallsyms
expect_eq "--kallsyms always: kernel_has_symbol" "$(j 'own | has_symbol')" false
expect_eq "--kallsyms always: BTF contradictions" "$(j "btf.contradicted | length")" 0
expect_eq "--kallsyms always: verdict" "$(j 'own | verdict')" "$verdict"

probe_json -- --btf never
expect_eq "--btf never: BTF" "$(j 'btf.consulted')/$(j 'btf.error')" "false/not read: --btf never"
expect_eq "--btf never: kallsyms readable" "$(j 'kallsyms.readable')" true
expect_eq "--btf never: evidence" "$(j 'own | evidence')" kallsyms
expect_eq "--btf never: verdict" "$(j 'own | verdict')" "$verdict"
j 'own | explanation' | grep -q '/proc/kallsyms has no' || fail "explanation does not cite kallsyms: $(j 'own | explanation')"
