#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (building automation and industrial control: BACnet, KNX, Beckhoff ADS,
# Modbus TCP, Velux KLF, HomematicIP and SmartThings clients),
# fetched (round 3, session 19, 3 Dec 2026) and run with the release build
# of main after the session's first changes (79fddab), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus74.sh DEST
set -eu
dest=${1:?usage: fetch-corpus74.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bacpypes==0.19.0 homematicip==1.1.5 pyads==3.6.0 pymodbustcp==0.3.1 \
    pysmartthings==1.2.0 pyvlx==0.2.36 xknx==4.0.0
