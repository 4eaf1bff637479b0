"""Stage 1, reading: bytes -> text. Format sniffing and the PDF and Word readers."""
