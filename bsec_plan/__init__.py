"""bsec-plan: the Plans of Action of the BSEC Working Group on Cooperation in Combating Crime
as validated data, and the questions asked of them."""

__version__ = "0.2.0"
