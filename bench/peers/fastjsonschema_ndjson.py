"""Peer: python3-fastjsonschema (schema compiled to Python code) on every NDJSON line.

usage: python3 fastjsonschema_ndjson.py SCHEMA FILE
fastjsonschema stops at the first error of a record; lines that are not JSON count as bad.
"""
import json
import sys

import fastjsonschema


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validate = fastjsonschema.compile(schema)
    rows = invalid = bad = 0
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
            try:
                validate(record)
            except fastjsonschema.JsonSchemaException:
                invalid += 1
    print(json.dumps({"rows": rows, "invalid": invalid, "bad": bad}))


main()
