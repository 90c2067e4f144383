import { date, patientStudyAttributes, time } from '../../../src/seg/patientStudyAttributes';

describe('patientStudyAttributes sanitises what it copies from the source', () => {
  it('empties invalid DA/TM/CS values and trims strings to their VR length', () => {
    const out = patientStudyAttributes({
      PatientName: [{ Alphabetic: 'Doe^Jane' }],
      PatientID: 'ID\\with\\backslashes',
      PatientBirthDate: '19990231',
      PatientSex: 'female',
      StudyDate: '2024-01-05',
      StudyTime: '256000',
      StudyID: 'A-VERY-LONG-STUDY-IDENTIFIER',
      AccessionNumber: 'ACC1',
      StudyInstanceUID: '1.2.3',
      PatientAge: '42 years',
      PatientWeight: '70',
    });
    expect(out).toMatchObject({
      PatientName: 'Doe^Jane',
      PatientID: 'ID with backslashes',
      PatientBirthDate: '',
      PatientSex: '',
      StudyDate: '',
      StudyTime: '',
      StudyID: 'A-VERY-LONG-STUD',
      AccessionNumber: 'ACC1',
      PatientWeight: 70,
    });
    expect(out.PatientAge).toBeUndefined();
  });

  it('accepts valid dates and times', () => {
    expect(date('20240229')).toBe('20240229');
    expect(date('20230229')).toBe('');
    expect(time('235959.123456')).toBe('235959.123456');
    expect(time('2360')).toBe('');
  });
});
