"""Settlement terms as plain data: amounts in Chinese capitals, date styles, terms and the
enforceability check (Supreme People's Court 2018, Art. 3). Pure domain code, no database."""
