# The fields of a syscall-probe report (docs/report.schema.json, docs/report.md)
# that the shell tests read, each spelled once. Used through `rj` (tests/lib.sh):
#   rj 'own | verdict' FILE              rj --arg n acct 'row($n) | errno_name' FILE
# A field renamed in the schema is renamed here, and every test follows.

# The attempts: the project's own call, each catalogue row, both.
def own: .syscall;
def rows: .catalogue[];
def row($name): .catalogue[] | select(.name == $name);
def attempts: [.syscall] + .catalogue | .[];
def calls: .catalogue | length;

# Of one attempt.
def name: .name;
def nr: .nr;
def verdict: .verdict;
def verified: .verified;
def token: .token;
def explanation: .explanation;
def has_symbol: .kernel_has_symbol;
def evidence: .evidence;
def since: .since;
def arch: .arch;
def expected: .expected;
def symbol: .symbol;
def answered_by: .answered_by;
def proof: .proof;
def filter_notified: .filter_notified;
def outcome: .outcome;
def kind: .outcome.kind;
def errno_name: .outcome.errno_name;
def signal_name: .outcome.signal_name;
def seccomp_signal: .outcome.seccomp_signal;
def returned: .outcome.value;
def precheck_passed: .precheck.passed;

# The kernel, the container, the emulator.
def report_label: .label;
def release: .kernel.release;
def machine: .kernel.machine;
def nodename: .kernel.nodename;
def flavour: .kernel.flavour;
def shared_kernel: .kernel.shared_kernel;
def emulation: .emulation;
def emulated: .emulation.emulated;
def emulator: .emulation.emulator;
def probe_arch: .emulation.probe_arch;

# Confinement.
def seccomp_mode: .confinement.seccomp.mode;
def seccomp_mode_name: .confinement.seccomp.mode_name;
def asked: .confinement.seccomp.asked;
def caps_effective_hex: .confinement.capabilities.effective_hex;
def caps_bounding_hex: .confinement.capabilities.bounding_hex;
def caps_effective: .confinement.capabilities.effective;
def no_new_privs: .confinement.no_new_privs;
def uid_map: .confinement.user_namespace.uid_map;
def lsm: .confinement.lsm;

# Evidence sources and the summary.
def btf: .btf;
def kallsyms: .kallsyms;
def summary_text: .summary.text;
