#!/usr/bin/env bash
# Third-party ONNX models from the PyPI wheels that ship them (nothing is installed).
# usage: benchmarks/models/fetch_third_party.sh OUT_DIR     -> OUT_DIR/*.onnx (see third_party.py)
set -eu
OUT=${1:?usage: fetch_third_party.sh OUT_DIR}; PY=${PY:-python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for spec in magika==1.0.3 silero-vad==6.2.3 faster-whisper==1.2.1 rapidocr-onnxruntime==1.4.4 ddddocr==1.6.1; do
  "$PY" -m pip download -q --no-deps -d "$work/wheels" "$spec"
done
for w in "$work"/wheels/*.whl; do "$PY" -m zipfile -e "$w" "$work/unz"; done
mkdir -p "$OUT"
cp "$work/unz/magika/models/standard_v3_3/model.onnx" "$OUT/magika_standard_v3_3.onnx"
cp "$work/unz/silero_vad/data/silero_vad.onnx" "$OUT/silero_vad.onnx"
cp "$work/unz/faster_whisper/assets/silero_vad_v6.onnx" "$OUT/silero_vad_v6.onnx"
m="$work/unz/rapidocr_onnxruntime/models"
cp "$m/ch_PP-OCRv4_det_infer.onnx" "$OUT/ppocrv4_det.onnx"
cp "$m/ch_PP-OCRv4_rec_infer.onnx" "$OUT/ppocrv4_rec.onnx"
cp "$m/ch_ppocr_mobile_v2.0_cls_infer.onnx" "$OUT/ppocr_cls.onnx"
cp "$work/unz/ddddocr/common.onnx" "$OUT/ddddocr_ocr.onnx"
cp "$work/unz/ddddocr/common_det.onnx" "$OUT/ddddocr_det.onnx"
ls -la "$OUT"
