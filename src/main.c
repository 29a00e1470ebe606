#include <config.h>
#include <stdio.h>
int main(void) { puts("radar " VERSION); return 0; }
