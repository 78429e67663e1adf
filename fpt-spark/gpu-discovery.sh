#!/usr/bin/env bash
# Spark's GPU discovery script for a worker (spark.worker.resource.gpu.discoveryScript): prints the GPUs this
# machine has, as Spark expects: {"name": "gpu", "addresses": ["0", "1", ...]}. Needs nvidia-smi.
set -euo pipefail
addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader | sed 's/ //g' | paste -sd, - | sed 's/,/","/g')
echo "{\"name\": \"gpu\", \"addresses\": [\"$addresses\"]}"
