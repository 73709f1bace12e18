"""The runner: plans which steps of which years need running, runs the notebooks through
papermill in a staging folder, swaps the results into place, and reports progress.

Nothing in the analysis (the modules one folder up) imports from here.
"""
