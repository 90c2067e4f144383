/** `ssldec --help` text. */
export const USAGE = `ssldec: train SSLDEC on a clinician's scribbles and segment the whole image.

Usage:
  ssldec segment --image <DICOM folder | .nii[.gz] | .mgz | DICOMweb series URL>
                 --scribbles <scribble SEG .dcm | label .nii[.gz]>
                 --out <seg.dcm | labels.nii[.gz]> [options]
  ssldec info <file | folder | DICOMweb series URL> [--header "Name: value"] [--json]
  ssldec --help | --version

segment options:
  --image <path> again     another co-registered image on the first one's grid (T1c + FLAIR), as a channel;
                           a different grid is an input error (exit 3). The SEG references the first image.
  --stow <DICOMweb root>   also store the SEG in the PACS (the file is written first and kept on failure)
  --model <file>           start from this model if it exists; write the trained model to it
  --backend <name>         wasm (default) | cpu | webgpu (needs a Vulkan GPU or SwiftShader) | webgl (browser only)
  --seed <n>               seed of weights and sampling (default 1)
  --preset <name>          default | cpu | tiny (model and schedule size; default by backend)
  --classes <a,b,...>      class names for label scribbles 1..K (SEG scribbles carry their own); name the class of
                           everything else Background: the engine gives it what lies far from the other strokes
  --series <UID>           which series to read when the folder holds several
  --header "Name: value"   site header for DICOMweb requests (repeatable; never sent to another origin on a redirect)
  --timeout <s>            give up on a DICOMweb request after this many seconds without an answer (default 60)
  --volume <n | all>       which volume of a 4-D NIfTI/MGH image to segment (from 0), or all as input channels
  --max-image-mb <n>       refuse images that would take more memory than this once decoded (default 2048)
  --first-result           write the network's first result, before the SSLDEC rounds (faster), instead of the
                           refined one: what to do when a warning says the rounds all but removed or flooded a class
  --refined-result         write the refined result even when the first one's class boundaries lie on stronger
                           image edges (without it such a run writes the first, and a warning says so)
  --fractional             write a FRACTIONAL SEG holding the per-voxel confidence
  --include-background     also store classes named "background…" as SEG segments (left out by default)
  --json                   print a JSON summary on stdout
  --quiet                  no progress on stderr
  --debug                  print the stack trace of any failure

Outputs (--out, --model) are checked before training, written to a temporary file in the same folder and
renamed, so a failure never leaves a half-written file; --out may not be one of the inputs.

Exit status: 0 ok, 1 internal error (a bug), 2 usage, 3 bad input or unwritable output (the file is named),
4 training failed, 5 PACS store failed (file kept), 130 interrupted.
Example:
  npx ssldec segment --image ./series --scribbles scribbles.nii.gz --out seg.dcm --stow http://localhost:8042/dicom-web
`;
