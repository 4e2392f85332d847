#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1 node
// Entry point for the `tessera` command: the compiled CLI lives in dist/.
import { main } from '../dist/cli/main.js';
main(process.argv).then((code) => { process.exitCode = code; });
