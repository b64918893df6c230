## Knowledge base: guides and questions.
