// The package's bin: the bundle's entry point (dist/cli.js).
import { run } from './run.ts';

void run();
