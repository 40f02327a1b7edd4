#!/usr/bin/env node
// The built CLI (npm ci builds dist/ through "prepare"); this file exists before the build, so npm can link it.
import "../dist/cli/main.js";
