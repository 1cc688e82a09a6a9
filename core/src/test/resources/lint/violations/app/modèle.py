def score( a ):
    return a * 2
