"""bsec-plan: the Plan of Action of the BSEC Working Group on Cooperation in Combating Crime
(May 2009 – June 2011) as validated data, and the questions asked of it."""

__version__ = "0.2.0"
