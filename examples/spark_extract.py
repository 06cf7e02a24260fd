#!/usr/bin/env python3
"""Run hutong's map step on Spark, and its reduce step on the result.

`hutong extract` is a pure function of each article, so it is the map step:
every executor gets a share of the article files, writes them to a local
scratch folder under their own names, and pipes them through
`hutong extract --format jsonl`. The JSON Lines it prints are the facts; the
reduce step (`hutong timeline --from-jsonl`) needs nothing else.

Local mode here; on a cluster the same script runs unchanged with
`spark-submit --master ...`: the binary travels with `SparkContext.addFile`
and the articles are read with `binaryFiles`, so any Hadoop file system works
(legacy encodings survive because bytes, not text, are shipped).

Usage:
  spark_extract.py --hutong target/release/hutong --articles DIR --out DIR \
      [--partitions N] [--master local[2]]

Writes OUT/extract/part-* (JSON Lines) and OUT/timeline.json.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile


def extract_partition(records, binary_name):
    """Map step for one partition: (path, bytes) pairs -> JSON Lines."""
    from pyspark import SparkFiles

    binary = SparkFiles.get(binary_name)
    os.chmod(binary, 0o755)
    scratch = tempfile.mkdtemp(prefix="hutong-shard-")
    try:
        names = []
        for path, data in records:
            name = os.path.basename(path)
            with open(os.path.join(scratch, name), "wb") as fh:
                fh.write(bytes(data))
            names.append(name)
        if not names:
            return
        proc = subprocess.run(
            [binary, "extract", "--format", "jsonl", scratch],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=False,
        )
        # Exit status 1 means some inputs failed: their errors go to the
        # executor's log, the good articles still count.
        if proc.returncode not in (0, 1):
            raise RuntimeError(proc.stderr.decode("utf-8", "replace"))
        for err in proc.stderr.decode("utf-8", "replace").splitlines():
            print(err, file=sys.stderr)
        for line in proc.stdout.decode("utf-8").splitlines():
            if line.strip():
                yield line
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hutong", required=True, help="path to the hutong binary")
    ap.add_argument("--articles", required=True, help="folder (or URI) of article files")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[2])")
    a = ap.parse_args()

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("hutong-extract")
    if a.master or not os.environ.get("SPARK_MASTER"):
        builder = builder.master(a.master or "local[2]")
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    sc.addFile(os.path.abspath(a.hutong))
    binary_name = os.path.basename(a.hutong)

    extract_dir = os.path.join(a.out, "extract")
    shutil.rmtree(extract_dir, ignore_errors=True)
    src = a.articles if "://" in a.articles else os.path.abspath(a.articles)
    (
        sc.binaryFiles(src, minPartitions=a.partitions)
        .mapPartitions(lambda recs: extract_partition(recs, binary_name))
        .saveAsTextFile(extract_dir)
    )
    spark.stop()

    # Reduce step: the timeline over the facts alone.
    parts = sorted(glob.glob(os.path.join(extract_dir, "part-*")))
    cmd = [a.hutong, "timeline", "--format", "json"]
    for p in parts:
        cmd += ["--from-jsonl", p]
    timeline = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout
    with open(os.path.join(a.out, "timeline.json"), "wb") as fh:
        fh.write(timeline)
    print(f"{len(parts)} shards -> {os.path.join(a.out, 'timeline.json')}")


if __name__ == "__main__":
    main()
