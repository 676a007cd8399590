console.log('xxgknb');
