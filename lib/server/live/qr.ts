import QRCode from "qrcode";

/**
 * The join link as a QR code, an SVG string made here on the server (no network, no script in
 * the browser). Error correction M survives a projector's glare; the quiet zone is one module
 * because the page puts white space around it anyway.
 */
export function joinLinkQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}
