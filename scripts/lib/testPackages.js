// Debian packages the test suites need: Chromium (WebGPU over SwiftShader, end-to-end tests), Orthanc with
// DICOMweb (a real PACS), dicom3tools (dciodvfy, dcentvfy) and dcmtk (dcmdump),
// dcm2niix (the research conversion whose NIfTI label images must fit the DICOM series).
module.exports = ['chromium', 'orthanc', 'orthanc-dicomweb', 'dicom3tools', 'dcmtk', 'dcm2niix'];
