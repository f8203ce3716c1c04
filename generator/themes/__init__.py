"""Built-in brand.yml themes shipped with briefgen."""
