#!/bin/sh
# A fiftieth corpus: the released wheels of projects no rule had been
# tuned on (CoAP, QUIC and curl clients, CAN bus databases, USB HID and
# FTDI access, Linux netlink, WHOIS and domain parsing, threat
# intelligence formats and clients: STIX, TAXII, MISP, OpenCTI, ATT&CK),
# fetched (round 3, session 16, 2 Dec 2026) and run with the release
# build of be61f60, once corpus49's changes were made, to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus50.sh DEST
set -eu
dest=${1:?usage: fetch-corpus50.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiocoap==0.4.17 aioquic==1.7.2 asn1crypto==1.5.1 attackcti==0.6.4 \
    canmatrix==1.3.3 cantools==45.1.0 censys==2.3.0 cybox==2.1.0.21 \
    hidapi==0.15.0 ifaddr==0.2.0 ipwhois==1.3.0 \
    ldapdomaindump==0.10.0 maec==4.1.0.17 mitreattack-python==6.3.1 \
    publicsuffix2==2.20191221 pycti==7.261026.0 pycurl==7.49.0 \
    pylibftdi==0.25.0 pymisp==2.5.34.4 pyroute2==0.9.7 pysmi==2.0.0 \
    python-whois==0.9.6 scapy-http==1.8.2 stix2==3.0.2 \
    taxii2-client==2.3.0 tldextract==5.4.0 treq==26.7.0
