/*
 * portdump — copy stdin to an x86 I/O port (QEMU isa-debugcon), byte-exact.
 * Used by the capture VM's /init when DUMP_VIA=debugcon: no driver, no
 * interrupts, so it also works where the 8250 serial path stalls
 * (PREEMPT_RT kernels under QEMU: "irq 3: nobody cared").
 *
 *   portdump [PORT]     (default 0xe9)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/io.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    unsigned long port = argc > 1 ? strtoul(argv[1], NULL, 0) : 0xe9;
    if (ioperm(port, 1, 1) != 0) {
        perror("portdump: ioperm");
        return 1;
    }
    static unsigned char buf[65536];
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0)
        outsb((unsigned short)port, buf, (unsigned long)n);
    if (n < 0) {
        perror("portdump: read");
        return 1;
    }
    return 0;
}
