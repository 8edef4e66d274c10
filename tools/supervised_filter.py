#!/usr/bin/python3
"""Put a supervisor in front of a runtime's own seccomp program: five classic
BPF instructions that send syscall 548 of the x86_64 table to the filter's
listener (SECCOMP_RET_USER_NOTIF), followed by the program unchanged, so every
other call meets exactly the filter the runtime compiled (docs/supervisor.md).

usage: supervised_filter.py PROGRAM [--nr 548]

PROGRAM is a classic BPF program as the kernel takes it (struct sock_filter
records, 8 bytes each): crun writes the one it compiled from a container's
linux.seccomp to <state root>/<id>/seccomp.bpf. Prints the joined program in
base64 on stdout, the value of crun's run.oci.seccomp_bpf_data annotation.

Classic BPF jumps are relative and only forward, so the program needs no
change behind the prefix; its first instruction loads what it needs itself.

Exit codes: 0 printed; 2 bad usage or not a program.
"""
import argparse
import base64
import struct
import sys

# include/uapi/linux/audit.h, include/uapi/linux/seccomp.h,
# include/uapi/linux/bpf_common.h; seccomp_data: nr at 0, arch at 4.
AUDIT_ARCH_X86_64 = 0xC000003E
SECCOMP_RET_USER_NOTIF = 0x7FC00000
BPF_LD_W_ABS = 0x20
BPF_JMP_JEQ_K = 0x15
BPF_RET_K = 0x06
OFFSET_NR, OFFSET_ARCH = 0, 4
BPF_MAXINSNS = 4096
INSN = 8


def notify_prefix(nr):
    # (code, jt, jf, k); a jump skips jt or jf instructions.
    prefix = [(BPF_LD_W_ABS, 0, 0, OFFSET_ARCH),
              (BPF_JMP_JEQ_K, 0, 3, AUDIT_ARCH_X86_64),  # other arch: the program
              (BPF_LD_W_ABS, 0, 0, OFFSET_NR),
              (BPF_JMP_JEQ_K, 0, 1, nr),                 # other call: the program
              (BPF_RET_K, 0, 0, SECCOMP_RET_USER_NOTIF)]
    return b"".join(struct.pack("=HBBI", *i) for i in prefix)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program")
    parser.add_argument("--nr", type=int, default=548)
    args = parser.parse_args(argv)
    try:
        with open(args.program, "rb") as f:
            program = f.read()
    except OSError as e:
        print(f"supervised_filter: {e}", file=sys.stderr)
        return 2
    prefix = notify_prefix(args.nr)
    if not program or len(program) % INSN or (len(program) + len(prefix)) // INSN > BPF_MAXINSNS:
        print(f"supervised_filter: {args.program}: not a classic BPF program "
              f"of at most {BPF_MAXINSNS - len(prefix) // INSN} instructions", file=sys.stderr)
        return 2
    print(base64.b64encode(prefix + program).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
