#!/bin/sh
# run_at_date.sh 'YYYY-MM-DD HH:MM:SS' CMD...: runs CMD with the wall clock of it and of every process it
# starts set to that UTC instant now, running on from there (libfaketime). A relative offset, not
# faketime's '@' form: with '@' each process's clock starts anew when the process starts, so a server
# started later would lag the test that started it.
set -eu
at=$1
shift
offset=$(( $(date -u -d "$at" +%s) - $(date -u +%s) ))
export TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1
exec faketime -f "+${offset}s" "$@"
