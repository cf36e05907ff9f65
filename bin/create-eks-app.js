#!/usr/bin/env node
// Thin launcher: everything else is in the bundle, loaded lazily per command.
import { run } from '../dist/cli.js';

run();
