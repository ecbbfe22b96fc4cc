"""Peer: python3-jsonschema validating every NDJSON line against the record schema.

usage: python3 jsonschema_ndjson.py SCHEMA FILE
Collects every error of every record (as a linter reports them); lines that are not JSON count as bad.
"""
import json
import sys

import jsonschema.validators


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema)
    rows = invalid = errors = bad = 0
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                bad += 1
                continue
            rows += 1
            found = sum(1 for _ in validator.iter_errors(record))
            if found:
                invalid += 1
                errors += found
    print(json.dumps({"rows": rows, "invalid": invalid, "errors": errors, "bad": bad, "validator": cls.__name__}))


main()
