import QRCode from 'qrcode';

/** The otpauth:// URI as a PNG data URL (REST enrollment) and as text for a terminal (CLI). */
export async function qrCodePngDataUrl(text: string): Promise<string> {
  const png = await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return `data:image/png;base64,${png.toString('base64')}`;
}

export async function qrCodeTerminal(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
}
