#!/usr/bin/env bash

for i in "$@"; do
    echo "$i"
done