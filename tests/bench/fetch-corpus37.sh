#!/bin/sh
# A thirty-seventh corpus: the released wheels of projects no rule had been
# tuned on (hardware and home automation: GPIO, serial and USB instruments,
# industrial protocols, smart-home devices, input automation), fetched
# (round 3, session 15, 2 Dec 2026) and run with the release build of
# 822752d, the previous session's end, to measure whether the held-back
# figure holds (and MEM205's whole-project pass on unseen code). Once judged
# it is burned like the others.
#
# Usage: tests/bench/fetch-corpus37.sh DEST
set -eu
dest=${1:?usage: fetch-corpus37.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    adafruit-blinka==10.0.0 aioesphomeapi==46.23.0 amqtt==0.12.1 \
    asyncua==2.1.0 bac0==2026.7.25 bacpypes3==0.0.110 broadlink==0.19.0 \
    gpiozero==2.0.1.post3 hap-python==5.2.0 meshtastic==2.7.11 \
    minimalmodbus==2.1.1 nidaqmx==1.7.0 pyfirmata2==2.5.1 pyatv==0.18.0 \
    pychromecast==14.0.10 pycomm3==1.2.16 pyftdi==0.57.2 pylogix==1.1.6 \
    pynput==1.8.2 pyocd==0.46.0 python-kasa==0.12.0 python-miio==0.5.12 \
    python-snap7==3.3.0 pyusb==1.3.1 pyvisa-py==0.8.1 pywinauto==0.6.9 \
    smbus2==0.6.1 soco==0.32.5 tinytuya==1.20.0 umodbus==1.0.4
