"""Writing the PDF: reportlab lays the pages out, pikepdf finishes the file."""
