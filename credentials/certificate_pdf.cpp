// Drawing the certificate: cairo's PDF surface writing into memory, its toy text API in the
// system's serif and sans fonts, and the QR code's modules as filled squares.
#include "credentials/certificate_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <qrencode.h>

#include <memory>

#include "credentials/open_badge.hpp"

namespace ctom::credentials {
namespace {

constexpr double kPageWidth = 792;  // US Letter, landscape, in points
constexpr double kPageHeight = 612;
constexpr double kMargin = 36;
constexpr double kQrSize = 108;  // the QR code's side, quiet zone included
constexpr int kQrQuietModules = 4;

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws text centred on x at baseline y, in size points or smaller so it fits width.
void Centred(cairo_t* cr, const std::string& text, double x, double y, double size, double width,
             const char* family, cairo_font_weight_t weight) {
  cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL, weight);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  if (extents.x_advance > width && extents.x_advance > 0) {
    cairo_set_font_size(cr, size * width / extents.x_advance);
    cairo_text_extents(cr, text.c_str(), &extents);
  }
  cairo_move_to(cr, x - extents.x_advance / 2, y);
  cairo_show_text(cr, text.c_str());
}

void DrawBorder(cairo_t* cr) {
  cairo_set_source_rgb(cr, 0.11, 0.25, 0.45);
  cairo_set_line_width(cr, 4);
  cairo_rectangle(cr, kMargin / 2, kMargin / 2, kPageWidth - kMargin, kPageHeight - kMargin);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, kMargin - 6, kMargin - 6, kPageWidth - 2 * kMargin + 12,
                  kPageHeight - 2 * kMargin + 12);
  cairo_stroke(cr);
}

void DrawText(cairo_t* cr, const CertificateFace& face) {
  const double centre = kPageWidth / 2;
  const double width = kPageWidth - 2 * kMargin - 2 * kQrSize;
  cairo_set_source_rgb(cr, 0.11, 0.25, 0.45);
  Centred(cr, std::string(kIssuerName), centre, 110, 26, width, "serif", CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  Centred(cr, "This certifies that", centre, 180, 16, width, "serif", CAIRO_FONT_WEIGHT_NORMAL);
  Centred(cr, face.holder, centre, 240, 36, width, "serif", CAIRO_FONT_WEIGHT_BOLD);
  Centred(cr, "has completed the program's requirements and is a", centre, 290, 16, width, "serif",
          CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_source_rgb(cr, 0.11, 0.25, 0.45);
  Centred(cr, std::string(kAchievementName), centre, 340, 30, width, "serif",
          CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  Centred(cr, "Certificate " + face.number, centre, 400, 14, width, "sans-serif",
          CAIRO_FONT_WEIGHT_BOLD);
  Centred(cr, "Issued " + face.issued_on + "    Valid until " + face.expires_on, centre, 425, 12,
          width, "sans-serif", CAIRO_FONT_WEIGHT_NORMAL);
  Centred(cr, "Verify at " + face.verify_url, centre, kPageHeight - kMargin - 18, 9,
          kPageWidth - 2 * kMargin - 24, "sans-serif", CAIRO_FONT_WEIGHT_NORMAL);
}

// The QR code in the lower right corner, black modules on a white quiet zone.
std::expected<void, std::string> DrawQrCode(cairo_t* cr, const std::string& url) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) return std::unexpected("libqrencode cannot encode the verification URL");
  const int modules = code->width + 2 * kQrQuietModules;
  const double module = kQrSize / modules;
  const double left = kPageWidth - kMargin - kQrSize - 12;
  const double top = kPageHeight - kMargin - kQrSize - 36;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, left, top, kQrSize, kQrSize);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if ((code->data[y * code->width + x] & 1) == 0) continue;
      cairo_rectangle(cr, left + (x + kQrQuietModules) * module,
                      top + (y + kQrQuietModules) * module, module, module);
    }
  }
  cairo_fill(cr);
  return {};
}

}  // namespace

std::expected<std::string, std::string> CertificatePdf(const CertificateFace& face) {
  std::string pdf;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create_for_stream(&AppendTo, &pdf, kPageWidth, kPageHeight),
      &cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                        &cairo_destroy);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 ("Certificate " + face.number).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR,
                                 std::string(kIssuerName).c_str());
  DrawBorder(cr.get());
  DrawText(cr.get(), face);
  auto qr = DrawQrCode(cr.get(), face.verify_url);
  if (!qr) return std::unexpected(qr.error());
  cairo_show_page(cr.get());
  const cairo_status_t drawn = cairo_status(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  const cairo_status_t finished = cairo_surface_status(surface.get());
  if (drawn != CAIRO_STATUS_SUCCESS || finished != CAIRO_STATUS_SUCCESS) {
    return std::unexpected(
        std::string("cairo cannot draw the certificate: ") +
        cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : finished));
  }
  return pdf;
}

}  // namespace ctom::credentials
