import type { NaturalizedDataset } from './dcmjs';

/**
 * Tolerant readers for naturalized attributes. dcmjs, OHIF's metadata store and DICOMweb JSON differ in small
 * ways (single-item sequences as an object or a one-element array, numbers as strings, multi-values as
 * backslash-separated text); these accept each form.
 */

/** The items of a sequence attribute ([] when absent). */
export function sequenceItems(value: unknown): NaturalizedDataset[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as NaturalizedDataset[];
}

/** The first item of a sequence, or undefined when absent. */
export function firstItem(value: unknown): NaturalizedDataset | undefined {
  return sequenceItems(value)[0];
}

/** A multi-valued numeric attribute (DS/IS/FD) as numbers ([] when absent). */
export function numbers(value: unknown): number[] {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split('\\') : [value];
  return list.map((v) => Number(v));
}

/** A single number, or `fallback` when absent or not numeric. */
export function number(value: unknown, fallback: number): number {
  const n = numbers(value)[0];
  return n === undefined || Number.isNaN(n) ? fallback : n;
}

/** A single string value ('' when absent). */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.length ? text(value[0]) : '';
  if (typeof value === 'object') return String((value as { Alphabetic?: string }).Alphabetic ?? '');
  return String(value);
}
