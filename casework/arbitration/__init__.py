"""SCIA arbitration: escalation, the consent award and the road to enforcement."""
