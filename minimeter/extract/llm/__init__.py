"""Model backends (local llama.cpp, Gemini, OpenAI-compatible) and the extractors built on them.

``base.py`` is the ModelBackend seam; ``gaps.py`` asks a model only about what the rules left open
(used by the ``local`` extractor); ``whole.py`` is the LLM-only extractor; ``register.py`` registers
``llm``, ``gemini``, ``openai`` and ``auto``. Nothing here is imported until an extractor is created.
"""
