const REPORT_MERCHANT = /^\s*\{\s*"delivery_report"\s*:\s*\{\s*"merchant"\s*:\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.)*")/;

/**
 * The account a delivery report body is for: its `delivery_report.merchant.id`, read from the first bytes
 * (where the report writer puts it) without parsing a body of thousands of orders; a body laid out
 * otherwise is parsed whole. Undefined when the body names none.
 */
export function deliveryReportMerchantId(json: string | Uint8Array): string | undefined {
  const bytes = typeof json === 'string' ? undefined : Buffer.from(json.buffer, json.byteOffset, json.byteLength);
  const head = bytes ? bytes.subarray(0, 1024).toString('utf8') : (json as string).slice(0, 1024);
  const match = REPORT_MERCHANT.exec(head);
  if (match) return JSON.parse(match[1]) as string;
  try {
    const body = JSON.parse(bytes ? bytes.toString('utf8') : (json as string)) as {
      delivery_report?: { merchant?: { id?: unknown } };
    };
    const id = body?.delivery_report?.merchant?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
