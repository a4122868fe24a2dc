#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Django apps for network management, multi-tenancy, feature flags and
# authentication; machine-learning research code: sequence-to-sequence,
# adversarial text attacks, attention views, neural differential
# equations and embeddings: bertviz, django-configurations,
# django-defender, django-hosts, django-organizations, django-ses,
# django-tenants, django-two-factor-auth, django-waffle, ecco,
# mesh-tensorflow, openwisp-controller, openwisp-utils, pacmap, phate,
# pykan, seqio, t5, textattack, torchdiffeq, torchsde,
# transformers-interpret, trimap), fetched (round 3, session 31, 4 Dec
# 2026) and run with the release build of 86b5836, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus256.sh DEST
set -eu
dest=${1:?usage: fetch-corpus256.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bertviz==1.4.1 django-configurations==2.5.1 django-defender==0.9.8 \
    django-hosts==7.0.0 django-organizations==2.7.0 django-ses==4.8.2 \
    django-tenants==4.0.1 django-two-factor-auth==1.18.1 \
    django-waffle==5.0.0 ecco==0.1.2 mesh-tensorflow==0.1.21 \
    openwisp-controller==1.3.2 openwisp-utils==1.3.1 pacmap==0.9.1 \
    phate==2.0.0 pykan==0.2.8 seqio==0.0.20 t5==0.9.4 \
    textattack==0.3.11 torchdiffeq==0.2.5 torchsde==0.2.6 \
    transformers-interpret==0.10.0 trimap==1.2.0
