#!/usr/bin/env node
'use strict';
require('../dist/kalint.js');
